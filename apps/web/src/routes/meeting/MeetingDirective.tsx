import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLanguage } from '../../format/language';
import { errorText } from '../../format/problems';
import { useTRPC } from '../../trpc';
import { useDepartments } from '../account/useDepartments';
import type { Meeting } from './MeetingPage';

type Slide = Meeting['slides'][number];

/** A directive recorded from a slide, as the slide lists it afterwards. */
export interface Recorded {
  id: number;
  content: string;
  department: string;
  dueDate: string;
}

/** Today in the city (Asia/Seoul), as the meeting's date. */
function cityToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
}

/**
 * The quick form beside the figure: the directive on the indicator being discussed, recorded
 * through directives.record without leaving the slide. The sector and indicator come from the
 * slide, the department is the indicator's owner unless changed, the meeting is today's.
 */
export function MeetingDirective({
  meeting,
  slide,
  onCancel,
  onRecorded,
}: {
  meeting: Meeting;
  slide: Slide;
  onCancel: () => void;
  onRecorded: (directive: Recorded) => void;
}) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const [form, setForm] = useState({
    content: '',
    department: slide.department.code,
    dueDate: '',
    meetingName: t('meeting.direct.defaultMeeting', { sector: meeting.sector.name[language] }),
    meetingDate: cityToday(),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const record = useMutation(trpc.directives.record.mutationOptions());
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }),
  });
  const send = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    // Said here in the reader's words; the server refuses the same in code.
    if (form.content.trim().length < 3) return setProblem(t('meeting.direct.contentRequired'));
    if (!form.dueDate) return setProblem(t('meeting.direct.dueDateRequired'));
    record.mutate(
      {
        year: meeting.year,
        meetingDate: form.meetingDate,
        meetingName: form.meetingName,
        sector: meeting.sector.code,
        indicator: slide.code,
        content: form.content.trim(),
        departments: [form.department],
        dueDate: form.dueDate,
      },
      {
        onSuccess: async ({ id }) => {
          const department = departments.find((d) => d.code === form.department)?.name[language];
          onRecorded({
            id,
            content: form.content.trim(),
            department: department ?? form.department,
            dueDate: form.dueDate,
          });
          await queryClient.invalidateQueries({ queryKey: trpc.directives.pathKey() });
        },
        onError: (error) => setProblem(t('directives.failed', { message: errorText(t, error) })),
      },
    );
  };
  return (
    <form
      className="meeting-form"
      onSubmit={send}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      noValidate
      aria-labelledby="meeting-form-title"
    >
      <h2 id="meeting-form-title">{t('meeting.direct.title', { indicator: slide.name[language] })}</h2>
      <label className="meeting-field">
        <span>{t('meeting.direct.content')}</span>
        <textarea ref={first} required rows={3} maxLength={4000} {...field('content')} />
      </label>
      <div className="meeting-form-row">
        <label className="meeting-field">
          <span>{t('meeting.direct.department')}</span>
          <select {...field('department')}>
            {departments.length === 0 && (
              <option value={slide.department.code}>{slide.department.name[language]}</option>
            )}
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name[language]}
              </option>
            ))}
          </select>
        </label>
        <label className="meeting-field">
          <span>{t('meeting.direct.dueDate')}</span>
          <input type="date" required {...field('dueDate')} />
        </label>
      </div>
      <div className="meeting-form-row">
        <label className="meeting-field">
          <span>{t('meeting.direct.meetingName')}</span>
          <input required maxLength={100} {...field('meetingName')} />
        </label>
        <label className="meeting-field">
          <span>{t('meeting.direct.meetingDate')}</span>
          <input type="date" required {...field('meetingDate')} />
        </label>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="meeting-form-row">
        <button type="submit" className="meeting-direct" disabled={record.isPending}>
          {t('meeting.direct.submit')}
        </button>
        <button type="button" className="meeting-button" onClick={onCancel}>
          {t('meeting.direct.cancel')}
        </button>
      </div>
    </form>
  );
}
