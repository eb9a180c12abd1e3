/** Handlers of the channels in shared/contracts/settings.ts. */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { settingsChannels } from '../../../shared/contracts/settings';
import { toDateString } from '../../../shared/dates';
import { getSettings } from './settings';
import { updateSettings } from './update';

export const settingsHandlers: HandlersOf<keyof typeof settingsChannels> = {
  'settings.get': (ctx) => getSettings(ctx.db),
  'settings.update': (ctx, input) => updateSettings(ctx.db, writeContextOf(ctx), input, toDateString(ctx.now)),
};
