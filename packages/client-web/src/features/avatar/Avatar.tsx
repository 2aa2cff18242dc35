import { AVATAR_TEXT, avatarColour, initials } from './avatar';

/** Decorative: the name is always written beside it, so screen readers skip it. */
export function Avatar({ name }: { name: string }) {
  return (
    <span className="avatar" aria-hidden="true" style={{ backgroundColor: avatarColour(name), color: AVATAR_TEXT }}>
      {initials(name)}
    </span>
  );
}
