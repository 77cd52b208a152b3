import { describe, expect, it } from 'vitest';
import { csvLine, readCsv } from './csv';

async function collect(chunks: (string | Uint8Array)[]) {
  const records = [];
  for await (const record of readCsv(chunks)) records.push(record);
  return records;
}

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes and line breaks inside quotes, with start lines', async () => {
    const text = 'name,notes\r\n"García, Ana","said ""hi""\nthen left"\r\nBob,plain\n';
    expect(await collect([text])).toEqual([
      { line: 1, fields: ['name', 'notes'] },
      { line: 2, fields: ['García, Ana', 'said "hi"\nthen left'] },
      { line: 4, fields: ['Bob', 'plain'] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries (including inside UTF-8 characters)', async () => {
    const text = '\ufeffname,phone\r\n"Íñigo ""el"" Pérez",+34612345678\r\n\r\nZoë,"1"\r\nlast,row';
    const bytes = new TextEncoder().encode(text);
    const whole = await collect([text]);
    for (const size of [1, 2, 3, 7]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      expect(await collect(chunks)).toEqual(whole);
    }
    expect(whole.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(whole[1]?.fields[0]).toBe('Íñigo "el" Pérez');
  });

  it('flags a quote that is never closed instead of swallowing the rest silently', async () => {
    const records = await collect(['a,b\n1,"open\n2,3\n']);
    expect(records[1]).toMatchObject({ line: 2, error: 'unterminated quoted field' });
  });

  it('keeps empty fields and skips blank lines', async () => {
    expect(await collect(['a,,c\n\n,,\n'])).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 3, fields: ['', '', ''] },
    ]);
  });
});

describe('csvLine', () => {
  it('quotes what needs quoting and neutralises formulas but not phone numbers', () => {
    expect(csvLine(['a,b', 'say "x"', '=HYPERLINK("evil")', '+34612345678', 3, null])).toBe(
      '"a,b","say ""x""","\'=HYPERLINK(""evil"")",+34612345678,3,\r\n',
    );
  });

  it('round-trips through readCsv', async () => {
    const values = ['multi\nline', 'comma, here', 'quote " here', 'plain'];
    const [record] = await collect([csvLine(values)]);
    expect(record?.fields).toEqual(values);
  });
});
