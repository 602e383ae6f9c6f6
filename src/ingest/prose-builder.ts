import type { ProseSection } from '../domain';

/**
 * Collects prose under headings. A numbered heading ("5. Talouden sopeuttamisohjelma") opens a
 * section; an unnumbered heading right under it ("Toteutuma 30.6.2022") becomes
 * "<parent> – <sub>", so the three "Toteutuma 30.6.2022" follow-ups stay apart.
 */
export class ProseBuilder {
  private readonly sections: ProseSection[] = [];
  private readonly headingList: string[] = [];
  private current: { heading: string; line: number; paragraphs: string[] } | null = null;
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
    this.current = { heading, line, paragraphs: [] };
  }

  /** Adds a paragraph of text to the current section. */
  paragraph(text: string): void {
    const clean = text
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => l !== '')
      .join('\n');
    if (clean === '') return;
    if (this.current === null) return;
    this.current.paragraphs.push(clean);
  }

  /** Appends text to the last paragraph (a PDF line wrap, or prose a table interrupted). */
  continueParagraph(text: string): void {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean === '' || this.current === null) return;
    const last = this.current.paragraphs.length - 1;
    if (last < 0) this.current.paragraphs.push(clean);
    else this.current.paragraphs[last] = `${this.current.paragraphs[last]} ${clean}`;
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

  private flush(): void {
    if (this.current && this.current.paragraphs.length > 0) {
      this.sections.push({
        document: this.document,
        line: this.current.line,
        heading: this.current.heading,
        text: this.current.paragraphs.join('\n\n'),
      });
    }
    this.current = null;
  }
}
