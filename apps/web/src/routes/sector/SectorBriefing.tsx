export default function SectorBriefing() {
  return null;
}
