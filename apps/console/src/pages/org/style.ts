/**
 * Colours of the targets and org pages that keep WCAG AA contrast: tag colours dark enough for their text
 * (AntD's light preset tags and its link blue fall short of 4.5:1 here), and a secondary text darker than AntD's.
 */
export const TONES = { good: '#237804', info: '#0958d9', warn: '#ad4e00', bad: '#a8071a' } as const;
export const MUTED: React.CSSProperties = { color: '#595959' };
export const LINK: React.CSSProperties = { color: TONES.info, padding: 0, height: 'auto' };
