interface LogoProps {
  /** Rendered height in px; the mark is square. */
  size?: number;
  /** Accessible name; omit when a visible product name sits beside the mark. */
  title?: string;
}

/** Centralita's mark: a headset arc around a speech bubble. */
export function Logo({ size = 40, title }: LogoProps) {
  const labelled = title !== undefined;
  return (
    <svg
      className="logo"
      width={size}
      height={size}
      viewBox="0 0 48 48"
      role={labelled ? 'img' : undefined}
      aria-label={title}
      aria-hidden={labelled ? undefined : true}
      focusable="false"
    >
      <rect width="48" height="48" rx="12" fill="var(--brand-600)" />
      <path d="M12 26v-3a12 12 0 0 1 24 0v3" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <rect x="9" y="24" width="7" height="10" rx="3" fill="#fff" />
      <rect x="32" y="24" width="7" height="10" rx="3" fill="#fff" />
      <path d="M35.5 34c0 3.5-3 5.5-7 5.5h-3" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
      <circle cx="24" cy="39.5" r="2.6" fill="var(--accent-400)" />
    </svg>
  );
}
