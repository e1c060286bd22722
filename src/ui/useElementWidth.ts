import { useEffect, useRef, useState } from 'react';

/** Width of an element, tracked with ResizeObserver, so charts fill their column. */
export function useElementWidth<T extends HTMLElement>(initial = 800) {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}
