/**
 * A small trend line for tables: the reported values period by period, gaps where nothing was
 * reported. Decorative: the figures it draws are in the table beside it.
 */
export function Sparkline({
  values,
  width = 80,
  height = 22,
}: {
  values: (number | null)[];
  width?: number;
  height?: number;
}) {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return <svg width={width} height={height} aria-hidden="true" />;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const segments: string[] = [];
  let current = '';
  values.forEach((value, i) => {
    if (value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (height - 2 - ((value - min) / span) * (height - 4)).toFixed(1);
    current += `${current ? ' L' : 'M'}${x} ${y}`;
  });
  if (current) segments.push(current);
  return (
    <svg width={width} height={height} aria-hidden="true" className="sparkline">
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke="currentColor" strokeWidth={1.5} />
      ))}
    </svg>
  );
}
