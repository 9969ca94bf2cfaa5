import type { ComponentChildren } from 'preact';
import { href, navigate } from '../router.ts';

/** An in-app link: a real <a href> (open in new tab works) that navigates without reloading. */
export function Link(props: { to: string; children: ComponentChildren; class?: string; current?: boolean; onFollow?: () => void }) {
  return (
    <a
      href={href(props.to)}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(props.to);
        props.onFollow?.();
      }}
    >
      {props.children}
    </a>
  );
}
