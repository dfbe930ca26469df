import { ConfigProvider } from 'antd';

/**
 * Ant Design's status colours are text too (a field's error message, a tag's word: 已逾期, 可办理, 办理中), and as
 * text they fall short of WCAG AA's 4.5:1 on white and on their own light backgrounds (#ff4d4f 3.2:1, #52c41a
 * 2.1:1). The darker shade of each hue reads 5:1 or more; the backgrounds and borders are named as well, since
 * the ones derived from the darker shades turn grey.
 */
export function ReadableTheme({ children }: { readonly children: React.ReactNode }) {
  return (
    <ConfigProvider
      theme={{
        token: {
          colorError: '#cf1322',
          colorErrorBg: '#fff1f0',
          colorErrorBorder: '#ffa39e',
          colorSuccess: '#237804',
          colorSuccessBg: '#f6ffed',
          colorSuccessBorder: '#b7eb8f',
          colorWarning: '#ad4e00',
          colorWarningBg: '#fffbe6',
          colorWarningBorder: '#ffe58f',
          colorInfo: '#0958d9',
          colorInfoBg: '#e6f4ff',
          colorInfoBorder: '#91caff',
        },
      }}
    >
      {children}
    </ConfigProvider>
  );
}
