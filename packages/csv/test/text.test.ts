import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, TableError } from '../src/index.js';

const utf16le = (text: string, bom = true) => {
  const body = Buffer.from(text, 'utf16le');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
};
const utf16be = (text: string, bom = true) => {
  const le = Buffer.from(text, 'utf16le');
  le.swap16();
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), le]) : le);
};

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({
      encoding: 'utf-8',
      bom: 3,
      guessed: false,
    });
    expect(detectEncoding(utf16le('x,y\n'))).toEqual({
      encoding: 'utf-16le',
      bom: 2,
      guessed: false,
    });
    expect(detectEncoding(utf16be('x,y\n'))).toEqual({
      encoding: 'utf-16be',
      bom: 2,
      guessed: false,
    });
  });

  it('tells UTF-16 without a mark from its zero bytes, and takes anything else as UTF-8', () => {
    expect(detectEncoding(utf16le('x,y\n1.5,2\n', false))).toMatchObject({
      encoding: 'utf-16le',
      guessed: true,
    });
    expect(detectEncoding(utf16be('x,y\n1.5,2\n', false))).toMatchObject({
      encoding: 'utf-16be',
      guessed: true,
    });
    expect(detectEncoding(new TextEncoder().encode('größe,ß\n1,2\n')).encoding).toBe('utf-8');
    expect(detectEncoding(new Uint8Array(0)).encoding).toBe('utf-8');
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 and both UTF-16 byte orders, dropping the mark', () => {
    const text = 'größe;ß\n1,5;2\n';
    expect(decodeText(new TextEncoder().encode(`\ufeff${text}`), 'a.csv')).toBe(text);
    expect(decodeText(utf16le(text), 'a.csv')).toBe(text);
    expect(decodeText(utf16be(text), 'a.csv')).toBe(text);
    expect(decodeText(utf16le(text, false), 'a.csv')).toBe(text);
  });

  it('names the line and offset of a byte that is not UTF-8 (a Latin-1 file)', () => {
    const latin1 = new Uint8Array(Buffer.from('name,x\ncaf\xe9,1\n', 'latin1'));
    let error: unknown;
    try {
      decodeText(latin1, 'old.csv');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TableError);
    expect((error as TableError).message).toBe(
      'old.csv, line 2: not UTF-8 text (byte 0xE9 at offset 10); save the file as UTF-8 (or UTF-16 with a byte-order mark)',
    );
  });
});
