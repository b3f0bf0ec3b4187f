export default function SectorPage() {
  return null;
}
