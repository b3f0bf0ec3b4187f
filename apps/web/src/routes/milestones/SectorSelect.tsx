import { useQuery } from '@tanstack/react-query';
import { useLanguage } from '../../format/language';
import { useTRPC } from '../../trpc';
import './milestones.css';

/** A choice of the plan's sectors, or all of them (empty value); `org`: the public view's organisation. */
export function SectorSelect({
  year,
  org,
  value,
  onChange,
  label,
  allLabel,
}: {
  year: number;
  org?: string | undefined;
  value: string;
  onChange: (code: string) => void;
  label: string;
  allLabel: string;
}) {
  const trpc = useTRPC();
  const { language } = useLanguage();
  const sectors = useQuery(trpc.sectors.list.queryOptions({ year, ...(org ? { org } : {}) }));
  return (
    <label className="milestones-field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{allLabel}</option>
        {(sectors.data ?? []).map((sector) => (
          <option key={sector.code} value={sector.code}>
            {sector.name[language]}
          </option>
        ))}
        {/* Keep an unknown or not-yet-loaded choice selectable so the select shows what the URL says. */}
        {value && !sectors.data?.some((s) => s.code === value) && <option value={value}>{value}</option>}
      </select>
    </label>
  );
}
