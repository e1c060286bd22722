/** SVG marker glyphs centred on (0,0), sized to read at a glance over a dense point cloud. */
export type MarkerShape = 'star' | 'cross' | 'circle' | 'diamond';

function starPath(r: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.45;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${(rr * Math.cos(a)).toFixed(2)},${(rr * Math.sin(a)).toFixed(2)}`);
  }
  return `M${pts.join('L')}Z`;
}

export function MarkerGlyph({
  shape,
  color,
  size = 9,
}: {
  shape: MarkerShape;
  color: string;
  size?: number;
}) {
  const halo = { stroke: '#fff', strokeLinejoin: 'round' as const };
  switch (shape) {
    case 'star':
      return <path d={starPath(size)} fill={color} {...halo} strokeWidth={1.5} />;
    case 'circle':
      return <circle r={size * 0.6} fill={color} {...halo} strokeWidth={1.5} />;
    case 'diamond': {
      const s = size * 0.8;
      return <path d={`M0,${-s}L${s},0L0,${s}L${-s},0Z`} fill={color} {...halo} strokeWidth={1.5} />;
    }
    case 'cross': {
      const s = size * 0.7;
      const d = `M${-s},${-s}L${s},${s}M${-s},${s}L${s},${-s}`;
      return (
        <g strokeLinecap="round">
          <path d={d} stroke="#fff" strokeWidth={5} />
          <path d={d} stroke={color} strokeWidth={2.5} />
        </g>
      );
    }
  }
}
