import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';

import { queryClient } from './queryClient';
import { router } from './router';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      // Secondary text and links darker than Ant Design's defaults, which fall short of WCAG AA contrast (4.5:1);
      // no space put between two Chinese characters of a button, so its name reads as it shows.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          colorPrimary: '#c8102e',
          borderRadius: 4,
          colorTextSecondary: '#595959',
          colorTextTertiary: '#595959',
          colorTextDescription: '#595959',
          colorTextPlaceholder: '#737373',
          // Links darker than the default blue (#1677ff, 4.0:1 on white).
          colorLink: '#0958d9',
          // Status colours (tags, alerts, a field's error) of the same hues, dark enough on their light
          // backgrounds; backgrounds and borders named too, since the ones derived from darker shades turn grey.
          colorInfo: '#0958d9',
          colorInfoBg: '#e6f4ff',
          colorInfoBorder: '#91caff',
          colorError: '#cf1322',
          colorErrorBg: '#fff1f0',
          colorErrorBorder: '#ffa39e',
          colorWarning: '#ad4e00',
          colorWarningBg: '#fff7e6',
          colorWarningBorder: '#ffd591',
          colorSuccess: '#237804',
          colorSuccessBg: '#f6ffed',
          colorSuccessBorder: '#b7eb8f',
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
