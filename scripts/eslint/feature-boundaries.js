// A local ESLint rule: a renderer feature (renderer/features/<name>/) is used by others only through
// its index.ts, and renderer/components/ (shared by several features) never depends on a feature.
// Path-based, so `../form/X` inside one feature stays allowed while `../../other/form/X` is not.
import path from 'node:path';

const FEATURES = path.join('renderer', 'features');
const COMPONENTS = path.join('renderer', 'components');

function partsUnder(root, file) {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep);
}

export const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Features import each other only through their index; components import no feature.' },
    messages: {
      internals:
        'features/{{from}} reaches into features/{{to}} ({{source}}): import what it offers from its index (features/{{to}}), or move shared code to renderer/components/.',
      componentUsesFeature: 'renderer/components/ is shared by features and must not import one ({{source}}).',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const cwd = context.cwd;
    const featuresRoot = path.join(cwd, FEATURES);
    const componentsRoot = path.join(cwd, COMPONENTS);
    const own = partsUnder(featuresRoot, file);
    const inComponents = partsUnder(componentsRoot, file) !== null;
    const inRenderer = partsUnder(path.join(cwd, 'renderer'), file) !== null;
    if (!inRenderer) return {};
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = partsUnder(featuresRoot, path.resolve(path.dirname(file), source));
      if (target === null) return;
      if (inComponents) {
        context.report({ node, messageId: 'componentUsesFeature', data: { source } });
        return;
      }
      const from = own?.[0];
      const to = target[0];
      if (from === to) return;
      const viaIndex = target.length === 1 || (target.length === 2 && /^index(\.tsx?)?$/.test(target[1]));
      if (!viaIndex) context.report({ node, messageId: 'internals', data: { from: from ?? path.basename(file), to, source } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
