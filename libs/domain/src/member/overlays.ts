import { type LocalOverlay } from './rule-sets';

/**
 * Local rules (实施办法) by the org unit that issued them; they apply to its whole subtree. A case pins the
 * overlays in force for its branch when it starts (their content, not just their ids), so later local
 * changes do not alter running cases. Overlays only add requirements (see applyOverlays).
 */
export interface RegisteredOverlay {
  readonly orgUnitCode: string;
  readonly overlay: LocalOverlay;
}

export const LOCAL_OVERLAYS: readonly RegisteredOverlay[] = [
  {
    orgUnitCode: 'DX',
    overlay: {
      id: 'dx-member-development-2026',
      name: '示范县发展党员工作实施办法',
      // Activists are filed with the township committee within a month of being determined.
      slas: { activistFiling: 1 },
      // The archive must include the 全程纪实表 (DOMAIN.md §1.7, local institutionalisation).
      documents: { 25: ['发展党员工作全程纪实表'] },
    },
  },
];

/** The overlays that apply to a unit, outermost first, given the codes of its ancestry (root first). */
export function overlaysFor(
  ancestryCodes: readonly string[],
  registry: readonly RegisteredOverlay[] = LOCAL_OVERLAYS,
): LocalOverlay[] {
  return ancestryCodes.flatMap((code) =>
    registry.filter((entry) => entry.orgUnitCode === code).map((entry) => entry.overlay),
  );
}
