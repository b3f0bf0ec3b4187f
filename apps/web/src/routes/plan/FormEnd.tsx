import { useLanguage } from '../../format/language';

/** A plan form's end: what the server refused, save and cancel. */
export function FormEnd({
  working,
  failure,
  onCancel,
}: {
  working: boolean;
  failure: string | null;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  return (
    <div className="plan-form-end">
      {failure && (
        <p className="plan-form-failure" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="primary" disabled={working}>
        {working ? t('plan.working') : t('plan.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('plan.cancel')}
      </button>
    </div>
  );
}
