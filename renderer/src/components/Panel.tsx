import { useId, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Landmark element: `section` for regions, `aside` for complementary panels. */
  as?: 'section' | 'aside';
  className?: string;
  id?: string;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled workspace panel that is also a named landmark for screen-reader navigation. */
export function Panel({ title, as: Element = 'section', className, id, actions, children }: PanelProps) {
  const titleId = useId();
  return (
    <Element id={id} className={['panel', className].filter(Boolean).join(' ')} aria-labelledby={titleId}>
      <div className="panel__header">
        <h2 id={titleId} className="panel__title">
          {title}
        </h2>
        {actions}
      </div>
      <div className="panel__body">{children}</div>
    </Element>
  );
}
