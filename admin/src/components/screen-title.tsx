import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * The screen's h1. It takes focus when the screen opens, so keyboard and
 * screen-reader users start at the top of the new screen, and it sets the tab title.
 */
export function ScreenTitle(props: { children: ComponentChildren; title?: string; actions?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = props.title ?? (typeof props.children === 'string' ? props.children : '');
  useEffect(() => {
    if (text) document.title = `${text} · Newsroom · Dateline`;
    ref.current?.focus({ preventScroll: true });
  }, [text]);
  return (
    <div class="screen-head">
      <h1 ref={ref} tabIndex={-1}>
        {props.children}
      </h1>
      {props.actions && <div class="screen-actions">{props.actions}</div>}
    </div>
  );
}
