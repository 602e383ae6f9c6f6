import { describe, expect, it } from 'vitest';
import { renderErrorCard } from '../src/cards';
import { cardActions, cardText } from './card-fixtures';

describe('renderErrorCard', () => {
  it('should show the message literally, with a hint and a help button, never a stack trace', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a message that looks like a template stays literal
    const message = 'Vuodelle 2030 ei ole lukuja. <script>x</script> ${x}';
    const card = renderErrorCard('fi', message);
    const text = cardText(card).replace(/\u2060/g, '');
    expect(text).toContain('Jokin meni pieleen');
    expect(text).toContain(message);
    expect(text).toContain('Kokeile muotoilla kysymys toisin');
    expect(cardActions(card).map((a) => a.data.ask)).toEqual(['ohje']);
  });
});
