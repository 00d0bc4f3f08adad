import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { isTyping } from '../shell/use-list-keyboard';

// Where the user came from in each section, so Esc on a detail page returns to the same filtered list
// with the same row under the keyboard cursor.

const memory = new Map<string, { url: string; openedId: string | null }>();

export function rememberPage(section: string, url: string, openedId: string | null): void {
  memory.set(section, { url, openedId });
}

export function pageMemory(section: string, fallbackUrl: string): { url: string; openedId: string | null } {
  return memory.get(section) ?? { url: fallbackUrl, openedId: null };
}

/** Esc (outside text fields and open dialogs) navigates to `url`. */
export function useEscapeTo(url: string) {
  const [, navigate] = useLocation();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || isTyping(event.target)) return;
      if (document.querySelector('[role="menu"],[role="dialog"]')) return;
      navigate(url);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate, url]);
}
