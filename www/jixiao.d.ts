// Types for www/jixiao.js, the module pages load. The data types come from
// the wasm-bindgen declarations in pkg/jixiao.d.ts.
import type { Attachment, AttachOptions, Change, Computed, Finding, Input, PackInfo, VerifyResult } from './pkg/jixiao';
export type { Attachment, AttachOptions, Change, Computed, Finding, Input, PackInfo, VerifyResult };

/** A validator that survives a WASM trap by re-creating the module. */
export declare class SafeValidator {
  /** Resolves once a recovery in progress is done. */
  readonly ready: Promise<void>;
  /** `recovering: true` on the empty change returned while re-creating. */
  set(path: string, raw: string): Change & { recovering?: boolean };
  load(report: string): Change | null;
  findings(): Finding[];
  computed(): Record<string, Computed>;
  computedLabels(): Record<string, string>;
  inputs(): Input[];
  reportJson(): string | null;
  upload(): string | null;
  packId(): string;
}
export declare function load(): Promise<unknown>;
/** The engine to run: 'auto' (WebAssembly, or the JavaScript engine where the browser refuses it), 'wasm' or 'js'. Call before the first load. */
export declare function useEngine(name: 'auto' | 'wasm' | 'js'): void;
/** The engine running, or null before the first load. */
export declare function engine(): 'wasm' | 'js' | null;
export declare function createValidator(pack: string, report?: string | null, options?: { onRecover?: () => void }): Promise<SafeValidator>;
/** Recovers from a trap by re-attaching a fresh instance (then calls onRecover). */
export declare function attach(form: HTMLFormElement, options: AttachOptions & { onRecover?: () => void }): Promise<Attachment>;
export declare function verify(upload: string, pack?: string | null): Promise<VerifyResult>;
export declare function packs(): Promise<PackInfo[]>;
export declare function packJson(id: string): Promise<string | undefined>;
/** A 自评表 workbook (.xlsx bytes) read as a report, and what import itself found. Loads the Excel module on first use. */
export declare function importXlsx(bytes: Uint8Array, pack?: string | null): Promise<{ report: Record<string, unknown>; findings: Finding[] }>;
/** A report (object or JSON text) as .xlsx bytes in its pack's official layout. Loads the Excel module on first use. */
export declare function exportXlsx(report: string | Record<string, unknown>, pack?: string | null): Promise<Uint8Array>;
