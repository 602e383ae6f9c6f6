import type { ProseSection } from '../domain';

/**
 * Collects prose under headings. A numbered heading ("5. Talouden sopeuttamisohjelma") opens a
 * section; an unnumbered heading right under it ("Toteutuma 30.6.2022") becomes
 * "<parent> – <sub>", so the three "Toteutuma 30.6.2022" follow-ups stay apart.
 */
export class ProseBuilder {
  private readonly sections: ProseSection[] = [];
  private readonly headingList: string[] = [];
  /** The section being read: its paragraphs, and where in each a source line begins. */
  private current: {
    heading: string;
    line: number;
    paragraphs: string[];
    marks: { at: number; line: number }[][];
  } | null = null;
  private parent: string | null = null;
  private lastWasTop = false;

  constructor(private readonly document: string) {}

  /** Starts a section at a heading line. */
  heading(text: string, line: number, level: 'auto' | 'top' = 'auto'): void {
    const clean = text.replace(/\s+/g, ' ').trim();
    // Two headings in a row with no text between read as one ("INVESTOINNIT…" / "KAUPUNGINHALLITUS").
    if (level === 'top' && this.current && this.current.paragraphs.length === 0 && this.lastWasTop) {
      this.current.heading = `${this.current.heading} – ${clean}`;
      this.headingList[this.headingList.length - 1] = this.current.heading;
      return;
    }
    this.flush();
    this.lastWasTop = level === 'top';
    let heading = clean;
    if (/^\d+\.\s/.test(clean) || level === 'top') {
      this.parent = level === 'top' ? null : clean;
    } else if (this.parent !== null) {
      heading = `${this.parent} – ${clean}`;
    }
    this.headingList.push(heading);
    this.current = { heading, line, paragraphs: [], marks: [] };
  }

  /**
   * Adds a paragraph of text to the current section. `line` is the source line of its first
   * text line (the next ones follow it), or the source line of each text line (a table's rows).
   */
  paragraph(text: string, line: number | readonly number[]): void {
    const kept = text
      .split('\n')
      .map((l, i) => ({
        text: l.replace(/\s+/g, ' ').trim(),
        line: typeof line === 'number' ? line + i : (line[i] ?? line.at(-1) ?? 1),
      }))
      .filter((l) => l.text !== '');
    if (kept.length === 0 || this.current === null) return;
    const marks: { at: number; line: number }[] = [];
    let at = 0;
    for (const l of kept) {
      marks.push({ at, line: l.line });
      at += l.text.length + 1;
    }
    this.current.paragraphs.push(kept.map((l) => l.text).join('\n'));
    this.current.marks.push(marks);
  }

  /** Appends text to the last paragraph (a PDF line wrap, or prose a table interrupted); `line` is its source line. */
  continueParagraph(text: string, line: number): void {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean === '' || this.current === null) return;
    const last = this.current.paragraphs.length - 1;
    if (last < 0) {
      this.current.paragraphs.push(clean);
      this.current.marks.push([{ at: 0, line }]);
    } else {
      const before = this.current.paragraphs[last] as string;
      this.current.paragraphs[last] = `${before} ${clean}`;
      this.current.marks[last]?.push({ at: before.length + 1, line });
    }
  }

  /** The current section heading, or "" before the first heading. */
  get currentHeading(): string {
    return this.current?.heading ?? '';
  }

  /** All headings seen so far, in order. */
  get headings(): string[] {
    return [...this.headingList];
  }

  /** Finishes and returns the sections that have text. */
  finish(): ProseSection[] {
    this.flush();
    return this.sections;
  }

  /** The paragraphs' line marks as offsets into the section's text (paragraphs joined by a blank line). */
  private absoluteMarks(): { at: number; line: number }[] {
    const out: { at: number; line: number }[] = [];
    let start = 0;
    this.current?.paragraphs.forEach((p, i) => {
      for (const m of this.current?.marks[i] ?? []) out.push({ at: start + m.at, line: m.line });
      start += p.length + 2;
    });
    return out;
  }

  private flush(): void {
    if (this.current && this.current.paragraphs.length > 0) {
      this.sections.push({
        document: this.document,
        line: this.current.line,
        heading: this.current.heading,
        text: this.current.paragraphs.join('\n\n'),
        lines: this.absoluteMarks(),
      });
    }
    this.current = null;
  }
}
