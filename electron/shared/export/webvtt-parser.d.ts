// The parts of webvtt-parser (W3C's WebVTT parser and validator, untyped CommonJS) the tests use. Import its
// default export: `import webvtt from 'webvtt-parser'; new webvtt.WebVTTParser().parse(text)`.
declare module 'webvtt-parser' {
  export interface WebVTTNode {
    type: 'text' | 'object' | 'timestamp';
    /** text: the unescaped text; timestamp: seconds; object (<v>, <lang>): the annotation. */
    value?: string | number;
    /** object: the tag name (c, i, b, u, ruby, rt, v, lang). */
    name?: string;
    children?: WebVTTNode[];
  }

  export interface WebVTTCue {
    id: string;
    /** Seconds. */
    startTime: number;
    endTime: number;
    /** The cue text as written (escaped). */
    text: string;
    tree: { children: WebVTTNode[] };
  }

  export interface WebVTTError {
    message: string;
    line: number;
    col?: number;
  }

  export interface WebVTTParseResult {
    cues: WebVTTCue[];
    errors: WebVTTError[];
    time: number;
    styles: string[];
  }

  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: 'metadata' | 'chapters'): WebVTTParseResult;
  }

  const webvtt: { WebVTTParser: typeof WebVTTParser };
  export default webvtt;
}
