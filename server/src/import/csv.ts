/**
 * Streaming RFC 4180 CSV reader: quoted fields, doubled quotes, CR/LF/CRLF line ends and line breaks
 * inside quotes. Memory stays flat whatever the file size; each record carries the physical line it
 * starts on so a rejects file can point at it.
 */

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
  /** Set when the record cannot be read reliably (e.g. a quote never closed before end of file). */
  error?: string;
}

/** Reads records from text or byte chunks (a file stream, a string array, …). */
export async function* readCsv(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8');
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  /** The previous char was a quote inside a quoted field: either an escaped quote or the closing one. */
  let quotePending = false;
  let previousWasCr = false;
  let line = 1;
  let recordLine = 1;
  let recordStarted = false;
  let first = true;

  const endRecord = (): CsvRecord => {
    fields.push(field);
    const record = { line: recordLine, fields };
    field = '';
    fields = [];
    recordStarted = false;
    return record;
  };

  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const records: CsvRecord[] = [];
    for (let i = 0; i < text.length; i++) {
      const char = text[i] as string;
      if (char === '\n' && previousWasCr) {
        previousWasCr = false;
        continue;
      }
      previousWasCr = char === '\r';
      const newline = char === '\n' || char === '\r';

      if (inQuotes) {
        if (quotePending) {
          quotePending = false;
          if (char === '"') {
            field += '"';
            continue;
          }
          inQuotes = false; // the pending quote closed the field; handle this char as unquoted
        } else if (char === '"') {
          quotePending = true;
          continue;
        } else {
          if (newline) line++;
          field += newline ? '\n' : char;
          continue;
        }
      }

      if (newline) {
        if (recordStarted || fields.length > 0 || field.length > 0) records.push(endRecord());
        line++;
        recordLine = line;
        continue;
      }
      if (!recordStarted) {
        recordStarted = true;
        recordLine = line;
      }
      if (char === ',') {
        fields.push(field);
        field = '';
      } else if (char === '"' && field.length === 0) {
        inQuotes = true;
      } else {
        field += char;
      }
    }
    yield* records;
  }
  const tail = decoder.decode();
  if (tail.length > 0) field += tail;
  if (inQuotes && !quotePending) {
    const record = endRecord();
    yield { ...record, error: 'unterminated quoted field' };
  } else if (recordStarted || fields.length > 0 || field.length > 0) {
    yield endRecord();
  }
}

/** Quotes a value for CSV output when it needs it (and neutralises spreadsheet formulas). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A leading =, +, -, @ makes spreadsheets evaluate the cell: prefix with a quote (OWASP CSV injection).
  // Phone numbers such as +34… and plain numbers are data, not formulas: leave them alone.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[+-]?[\d\s().]+$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
