import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';

import { ProblemError, api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../shared/ProblemAlert';

/** An instant as China time (UTC+8 all year): 2027-01-01 09:00. */
function chinaTime(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function Runs({ title, times }: { readonly title: string; readonly times: readonly string[] }) {
  return (
    <section aria-label={title}>
      <Typography.Text strong>{title}</Typography.Text>
      {times.length === 0 ? (
        <div>无</div>
      ) : (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {times.map((at) => (
            <li key={at}>{chinaTime(at)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

const notFound = (error: unknown) => error instanceof ProblemError && error.problem.status === 404;

/**
 * 研判计划: the township's half-year review Schedule (1 January and 1 July, 09:00): when the next reviews
 * open and the recent runs; a township's organiser or the county department sets it up, removes it, or opens
 * this half year's review now.
 */
export function ScheduleTab({
  township,
  townshipName,
  mayManage,
}: {
  readonly township: string;
  readonly townshipName: string;
  readonly mayManage: boolean;
}) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const path = { params: { path: { township } } };
  const schedule = useQuery({
    queryKey: ['review-schedule', township],
    queryFn: () => unwrap(api.GET('/v1/reserve-pool/review-schedules/{township}', path)),
  });
  const refresh = () =>
    Promise.all(
      ['review-schedule', 'reserve-reviews'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
    );
  const put = useMutation({
    mutationFn: () => unwrap(api.PUT('/v1/reserve-pool/review-schedules/{township}', path)),
    onSuccess: () => {
      void message.success('研判计划已设定');
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/reserve-pool/review-schedules/{township}', path)),
    onSuccess: () => {
      void message.success('研判计划已停用');
      return refresh();
    },
  });
  const run = useMutation({
    mutationFn: () => unwrap(api.POST('/v1/reserve-pool/review-schedules/{township}/runs', path)),
    onSuccess: () => {
      void message.success('已开启本半年的分析研判');
      return refresh();
    },
  });
  const data = schedule.data;
  const missing = notFound(schedule.error);

  return (
    <Card title={`${townshipName} 半年分析研判计划`} loading={schedule.isPending}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {!missing && <ProblemAlert error={schedule.error} />}
        {missing && <Empty description="尚未设定研判计划：不会自动开启分析研判" />}
        {data && (
          <>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'state',
                  label: '状态',
                  children: data.paused ? (
                    <Tag color="warning">已暂停</Tag>
                  ) : (
                    <Tag color="success">运行中</Tag>
                  ),
                },
                {
                  key: 'next',
                  label: '下次开启',
                  children: data.nextRuns[0] ? `${chinaTime(data.nextRuns[0])}（北京时间）` : '无',
                },
              ]}
            />
            <Runs title="以后各次" times={data.nextRuns.slice(1)} />
            <Runs title="最近开启" times={data.recentRuns.map((r) => r.startedAt)} />
          </>
        )}
        <ProblemAlert error={put.error ?? remove.error ?? run.error} />
        {mayManage ? (
          <Space wrap>
            <Button type="primary" loading={put.isPending} onClick={() => put.mutate()}>
              {data ? '重新设定计划' : '设定研判计划'}
            </Button>
            {data && (
              <Button
                danger
                loading={remove.isPending}
                onClick={() =>
                  void modal.confirm({
                    title: '停用研判计划？',
                    content: '停用后不再自动开启半年分析研判；已开启的研判不受影响。',
                    okText: '停用',
                    okButtonProps: { danger: true },
                    cancelText: '取消',
                    onOk: () => remove.mutateAsync(),
                  })
                }
              >
                停用计划
              </Button>
            )}
            {data && (
              <Button
                loading={run.isPending}
                onClick={() =>
                  void modal.confirm({
                    title: '立即开启本半年的分析研判？',
                    content: '将为库内每名后备力量生成本半年的研判任务。',
                    okText: '立即开启',
                    cancelText: '取消',
                    onOk: () => run.mutateAsync(),
                  })
                }
              >
                立即开启本半年研判
              </Button>
            )}
          </Space>
        ) : (
          <Alert type="info" showIcon title="研判计划由乡镇党委或县委组织部设定" />
        )}
      </Space>
    </Card>
  );
}
