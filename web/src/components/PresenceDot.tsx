export function PresenceDot({ online }: { online: boolean }) {
  return <span className={online ? "dot online" : "dot"} title={online ? "Online" : "Offline"} />;
}
