/**
 * The database key of every bench office: benches measure the app's real, encrypted store (SQLCipher),
 * opened with the key as the CLI opens it after unlocking.
 */
export const BENCH_DB_KEY: Buffer = Buffer.alloc(32, 0x42);
