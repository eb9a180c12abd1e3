/** The synthetic data generator: seeded persons (./persons) and their insertion through the services (./insert). */
export { Rng, Weighted, rankWeighted } from './prng';
export {
  PersonGenerator,
  generatePersons,
  barthelItems,
  DEFAULT_REFERENCE_DATE,
  SIZES,
  type GeneratedPerson,
  type GeneratedStatus,
  type GeneratorOptions,
} from './persons';
export { fillDatabase, insertPerson, insertPersonFast, statementCache, emptyCounts, type FillOptions, type FillResult, type InsertCounts } from './insert';
