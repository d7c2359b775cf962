/**
 * Tokens of HCL's JSON syntax, with positions, as HCL's json scanner: it is lax about the
 * characters of keywords, numbers and strings so that the parser can say what is wrong with
 * them, and it stops at the first character that cannot start a token.
 */
import type { Pos, Range } from './range.js';

export type TokenType =
  '{' | '}' | '[' | ']' | ',' | ':' | '=' | 'keyword' | 'string' | 'number' | 'eof' | 'invalid';

export interface Token {
  type: TokenType;
  range: Range;
  /** The token's source text. */
  text: string;
}

export class Scanner {
  private readonly src: string;
  private readonly filename: string;
  private offset = 0;
  private line = 1;
  private column = 1;
  private stopped = false;

  constructor(src: string, filename: string) {
    this.src = src;
    this.filename = filename;
  }

  pos(): Pos {
    return { line: this.line, column: this.column, offset: this.offset };
  }

  range(start: Pos): Range {
    return { filename: this.filename, start, end: this.pos() };
  }

  next(): Token {
    if (!this.stopped) this.skipWhitespace();
    const start = this.pos();
    const src = this.src;
    if (this.stopped || this.offset >= src.length) {
      return { type: 'eof', range: this.range(start), text: '' };
    }
    const c = src.charCodeAt(this.offset);
    switch (c) {
      case 0x7b: // {
      case 0x7d: // }
      case 0x5b: // [
      case 0x5d: // ]
      case 0x2c: // ,
      case 0x3a: // :
      case 0x3d: // =
        this.advance(1);
        return { type: src[start.offset] as TokenType, range: this.range(start), text: '' };
      case 0x22: // "
        this.scanString();
        return {
          type: 'string',
          range: this.range(start),
          text: src.slice(start.offset, this.offset),
        };
    }
    if (canStartNumber(c)) {
      while (this.offset < src.length && isNumberChar(src.charCodeAt(this.offset))) this.advance(1);
      return {
        type: 'number',
        range: this.range(start),
        text: src.slice(start.offset, this.offset),
      };
    }
    if (isAlpha(c)) {
      while (this.offset < src.length) {
        const d = src.charCodeAt(this.offset);
        if (!isAlpha(d) && d !== 0x5f) break;
        this.advance(1);
      }
      return {
        type: 'keyword',
        range: this.range(start),
        text: src.slice(start.offset, this.offset),
      };
    }
    // Nothing can follow a character that cannot start a token.
    this.advanceChar();
    this.stopped = true;
    return {
      type: 'invalid',
      range: this.range(start),
      text: src.slice(start.offset, this.offset),
    };
  }

  private advance(n: number): void {
    this.offset += n;
    this.column += n;
  }

  /** One character (a code point), one column. */
  private advanceChar(): void {
    const c = this.src.charCodeAt(this.offset);
    this.offset += c >= 0xd800 && c <= 0xdbff && this.offset + 1 < this.src.length ? 2 : 1;
    this.column++;
  }

  private skipWhitespace(): void {
    const src = this.src;
    while (this.offset < src.length) {
      const c = src.charCodeAt(this.offset);
      if (c === 0x20 || c === 0x09) {
        this.advance(1);
      } else if (c === 0x0a) {
        this.offset++;
        this.line++;
        this.column = 1;
      } else if (c === 0x0d) {
        // A carriage return takes no column; the newline after it counts the line.
        this.offset++;
      } else {
        return;
      }
    }
  }

  /** To the closing quote, or to a control character or the end (the parser reports those). */
  private scanString(): void {
    const src = this.src;
    this.advance(1);
    let escaping = false;
    while (this.offset < src.length) {
      const c = src.charCodeAt(this.offset);
      if (c === 0x5c) {
        escaping = !escaping;
        this.advance(1);
      } else if (c === 0x22) {
        this.advance(1);
        if (!escaping) return;
        escaping = false;
      } else if (c < 0x20) {
        return;
      } else {
        this.advanceChar();
        escaping = false;
      }
    }
  }
}

function canStartNumber(c: number): boolean {
  return c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x30 && c <= 0x39);
}

function isNumberChar(c: number): boolean {
  return canStartNumber(c) || c === 0x65 || c === 0x45;
}

function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
