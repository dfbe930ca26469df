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
import { CONSOLE_THEME } from './theme';
import 'virtual:antd-styles.css';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      // No space put between two Chinese characters of a button, so its name reads as it shows.
      button={{ autoInsertSpace: false }}
      // Styles come from the build (vite.config.mts) rather than being computed on each component's first render.
      theme={{ ...CONSOLE_THEME, zeroRuntime: true }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
