import { DatePicker, type DatePickerProps } from 'antd';
import calendar from 'chinese-days/dist/chinese-days.json';

// The package's table only (its date functions read local-time getters, as the domain notes): a day is a
// statutory holiday (休) or a weekend declared a working day (班) by the State Council's notice of its year.
const HOLIDAYS: Readonly<Record<string, string>> = calendar.holidays;
const WORKDAYS: Readonly<Record<string, string>> = calendar.workdays;

/** "Spring Festival,春节,4" → 春节 */
const festival = (entry: string) => entry.split(',')[1] ?? entry;

export function dayKind(day: string): { mark: '休' | '班'; name: string } | null {
  const holiday = HOLIDAYS[day];
  if (holiday) return { mark: '休', name: `${festival(holiday)}假期` };
  const workday = WORKDAYS[day];
  if (workday) return { mark: '班', name: `${festival(workday)}调休上班` };
  return null;
}

const MARK_STYLE = {
  position: 'absolute',
  top: -6,
  right: -8,
  fontSize: 10,
  lineHeight: 1,
  fontWeight: 600,
} as const;

/**
 * A date picker whose days carry the Chinese calendar: 休 on statutory holidays, 班 on make-up working days.
 * Days before `earliest` are drawn struck through as a hint, yet stay selectable: the API judges the date.
 */
export function HolidayDatePicker({
  earliest,
  ...props
}: DatePickerProps & { readonly earliest?: string | null }) {
  return (
    <DatePicker
      {...props}
      cellRender={(current, info) => {
        if (info.type !== 'date' || typeof current === 'number' || typeof current === 'string') {
          return info.originNode;
        }
        const day = current.format('YYYY-MM-DD');
        const kind = dayKind(day);
        const early = !!earliest && day < earliest;
        const titles = [kind?.name, early ? `早于最早可办理日期${earliest}` : undefined].filter(Boolean);
        return (
          <div
            className="ant-picker-cell-inner"
            title={titles.join('；') || undefined}
            style={early ? { textDecoration: 'line-through', color: '#767676' } : undefined}
          >
            {current.date()}
            {kind && (
              <span
                aria-hidden
                style={{ ...MARK_STYLE, color: kind.mark === '休' ? '#cf1322' : '#595959' }}
                data-day-mark={kind.mark}
              >
                {kind.mark}
              </span>
            )}
          </div>
        );
      }}
    />
  );
}
