import { type CadreStage } from './machine/state';

/** The cadre recruitment stages as organizers name them (DOMAIN §2, P1–P9). */
export const CADRE_STAGE_NAMES: Record<CadreStage, string> = {
  NOMINATED: '报名推荐',
  QUALIFIED: '资格审查通过',
  JOINT_REVIEW: '资格联审',
  ASSESSMENT: '考察',
  DECISION: '党委研究决定',
  NOTICE: '任前公示',
  PLACEMENT: '任职',
  TRIAL: '试用期',
  CONFIRMED: '确认任用',
  EXITED: '退出',
};
