import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';

/**
 * A page that failed to load or render. After a new release the old page's chunks are gone: reloading fetches
 * the new ones, so that is what it offers.
 */
export function RouteError() {
  const error = useRouteError();
  return (
    <Result
      status="error"
      title="页面加载失败"
      subTitle={error instanceof Error ? error.message : '请刷新页面后重试'}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
