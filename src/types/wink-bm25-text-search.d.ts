declare module 'wink-bm25-text-search' {
  type PrepTask = (input: unknown) => unknown;
  interface BM25Config {
    fldWeights: Record<string, number>;
    bm25Params?: { k1?: number; b?: number; k?: number };
    ovFldNames?: string[];
  }
  interface BM25Document {
    freq: Record<string, number>;
    fieldValues: Record<string, unknown>;
    length: number;
  }
  interface BM25Engine {
    defineConfig(config: BM25Config): boolean;
    definePrepTasks(tasks: PrepTask[], field?: string): number;
    addDoc(doc: Record<string, unknown>, id: string | number): number;
    consolidate(fp?: number): boolean;
    search(
      text: string,
      limit?: number,
      filter?: (fieldValues: Record<string, unknown>, params: unknown) => boolean,
      params?: unknown,
    ): [string, number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
    getDocs(): Record<string, BM25Document>;
    getTokens(): Record<string, number>;
    getIDF(): number[];
    getConfig(): BM25Config & { bm25Params: { k1: number; b: number; k: number } };
    getTotalDocs(): number;
    getTotalCorpusLength(): number;
    reset(): boolean;
  }
  function bm25(): BM25Engine;
  export default bm25;
}
