import { type ThemeConfig } from 'antd';

import theme from './theme.json';

/**
 * The console's Ant Design theme, kept as data so that the build reads it too: the style sheet is generated
 * from it at build time (vite.config.mts) and the browser reads CSS instead of computing every component's
 * styles on first render.
 *
 * Secondary text, placeholders and links are darker than Ant Design's defaults, which fall short of WCAG AA
 * contrast (4.5:1; the default link blue #1677ff is 4.0:1 on white). Status colours (tags, alerts, a field's
 * error) keep their hues but are dark enough on their light backgrounds; those backgrounds and borders are
 * named too, since the ones derived from darker shades turn grey.
 */
export const CONSOLE_THEME: ThemeConfig = theme;
