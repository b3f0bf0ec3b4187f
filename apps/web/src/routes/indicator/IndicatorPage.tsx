export default function IndicatorPage() {
  return null;
}
