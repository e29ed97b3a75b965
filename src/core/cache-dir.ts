/**
 * The folder the index snapshot is kept in unless CACHE_DIR says otherwise, relative to the working
 * folder. A module of its own so that the settings can name it without loading the language model.
 */
export const DEFAULT_CACHE_DIR = '.cache';
