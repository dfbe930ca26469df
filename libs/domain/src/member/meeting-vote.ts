import { type RuleViolation, violation } from '../kernel/rules/rule-violation';
import { type MemberRuleSet } from './rule-sets';

/**
 * Votes of the 党支部党员大会 on accepting a development target (step 15) or converting a probationary
 * member (step 23; same rules, §32). DOMAIN.md §1.3. Both halves use the should-attend denominator:
 *   quorum:  2 × (voting members present)               > should-attend
 *   passed:  2 × (yes at the meeting + written yes)      > should-attend
 * Written opinions submitted before the meeting count in the votes, not in the attendance.
 */

/** The five groups that may be left out of should-attend, each with higher-org consent and a meeting resolution. */
export const SHOULD_ATTEND_EXCLUSIONS = {
  INCAPABLE: '患有精神病或者其他疾病丧失表达能力',
  ABROAD_OVER_6_MONTHS: '因私出国六个月以上',
  SERVING_SENTENCE: '受刑事处罚正在服刑',
  BEDRIDDEN_OR_ELDERLY: '年老体弱卧床不起或长期生病',
  AWAY_OVER_6_MONTHS: '外出学习、工作超过六个月且未转组织关系',
} as const;
export type ShouldAttendExclusion = keyof typeof SHOULD_ATTEND_EXCLUSIONS;

export interface ExcludedMember {
  readonly memberId: string;
  readonly reason: ShouldAttendExclusion;
  /** Reference of the higher organisation's consent. */
  readonly higherConsentRef: string;
  /** Reference of the branch general meeting's resolution. */
  readonly meetingResolutionRef: string;
}

export interface WrittenOpinion {
  readonly memberId: string;
  readonly vote: 'YES' | 'NO' | 'ABSTAIN';
}

export interface MeetingVote {
  /** Full members with voting rights on the branch roll (probationary members and those under 留党察看 have none). */
  readonly votingMembers: number;
  readonly excluded: readonly ExcludedMember[];
  /** Voting members actually present. */
  readonly presentVoting: number;
  /** Opinions formally submitted in writing before the meeting by voting members who could not attend. */
  readonly writtenOpinions: readonly WrittenOpinion[];
  /** Ballots cast at the meeting. */
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly ballot: 'SECRET' | 'SHOW_OF_HANDS';
  /** Candidates decided by this vote: must be exactly one (逐个讨论和表决). */
  readonly candidates: number;
}

export interface MeetingVoteResult {
  readonly shouldAttend: number;
  readonly quorumMet: boolean;
  readonly yesTotal: number;
  /** The resolution passed (only meaningful when `violations` is empty). */
  readonly passed: boolean;
  /** Problems that make the record itself invalid: the meeting cannot be recorded as held this way. */
  readonly violations: readonly RuleViolation[];
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;

/**
 * Where a meeting's tally sits in the bodies that record one (the acceptance and conversion meetings: `vote`);
 * a rule about one count names it (`vote.presentVoting`), one about the tally as a whole names `vote`.
 */
const VOTE = 'vote';
const voteField = (path?: string): string => (path ? `${VOTE}.${path}` : VOTE);

export function assessMeetingVote(rules: MemberRuleSet, vote: MeetingVote): MeetingVoteResult {
  const { quorumArticle, thresholdArticle } = rules.branchMeeting;
  const counts = [vote.votingMembers, vote.presentVoting, vote.yes, vote.no, vote.abstain, vote.candidates];
  const shouldAttend = vote.votingMembers - vote.excluded.length;
  const violations: RuleViolation[] = [
    ...(counts.every(isCount)
      ? []
      : [violation('VOTE_TALLY_INCONSISTENT', null, '人数和票数必须是非负整数', voteField())]),
    ...countedMemberViolations(vote, thresholdArticle),
    ...tallyViolations(vote, shouldAttend, thresholdArticle),
  ];

  const quorumMet = 2 * vote.presentVoting > shouldAttend;
  if (!quorumMet) {
    violations.push(
      violation(
        'VOTE_QUORUM_NOT_MET',
        quorumArticle,
        `实际到会有表决权的党员（${vote.presentVoting}人）必须超过应到会有表决权的党员（${shouldAttend}人）的半数`,
        voteField('presentVoting'),
      ),
    );
  }
  const yesTotal = vote.yes + vote.writtenOpinions.filter((o) => o.vote === 'YES').length;
  return { shouldAttend, quorumMet, yesTotal, passed: 2 * yesTotal > shouldAttend, violations };
}

/** Who is left out of should-attend (the five groups, with consent and resolution) and who is counted once. */
function countedMemberViolations(vote: MeetingVote, article: string): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const [index, excluded] of vote.excluded.entries()) {
    if (!(excluded.reason in SHOULD_ATTEND_EXCLUSIONS)) {
      violations.push(
        violation(
          'VOTE_EXCLUSION_NOT_ALLOWED',
          article,
          `不计入应到会人数的理由无效：${excluded.memberId}`,
          voteField(`excluded.${index}.reason`),
        ),
      );
    } else if (!excluded.higherConsentRef.trim() || !excluded.meetingResolutionRef.trim()) {
      const missing = excluded.higherConsentRef.trim() ? 'meetingResolutionRef' : 'higherConsentRef';
      violations.push(
        violation(
          'VOTE_EXCLUSION_UNSUPPORTED',
          article,
          `不计入应到会人数须经上级党组织同意并由党员大会通过：${excluded.memberId}`,
          voteField(`excluded.${index}.${missing}`),
        ),
      );
    }
  }
  const excludedIds = new Set(vote.excluded.map((e) => e.memberId));
  const writtenIds = new Set(vote.writtenOpinions.map((o) => o.memberId));
  if (excludedIds.size !== vote.excluded.length || writtenIds.size !== vote.writtenOpinions.length) {
    const repeated = excludedIds.size !== vote.excluded.length ? 'excluded' : 'writtenOpinions';
    violations.push(violation('VOTE_TALLY_INCONSISTENT', article, '同一党员被重复计入', voteField(repeated)));
  }
  if ([...writtenIds].some((id) => excludedIds.has(id))) {
    violations.push(
      violation(
        'VOTE_TALLY_INCONSISTENT',
        article,
        '不计入应到会人数的党员不能提交书面意见计票',
        voteField('writtenOpinions'),
      ),
    );
  }
  return violations;
}

/** The tally against should-attend and the ballots, and how the meeting voted (secretly, one by one). */
function tallyViolations(vote: MeetingVote, shouldAttend: number, article: string): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (shouldAttend <= 0) {
    violations.push(
      violation(
        'VOTE_TALLY_INCONSISTENT',
        article,
        '应到会有表决权的党员人数必须大于零',
        voteField('votingMembers'),
      ),
    );
  }
  if (vote.presentVoting + vote.writtenOpinions.length > shouldAttend) {
    violations.push(
      violation('VOTE_TALLY_INCONSISTENT', article, '实到人数与书面意见人数之和超过应到会人数', voteField()),
    );
  }
  if (vote.yes + vote.no + vote.abstain > vote.presentVoting) {
    violations.push(
      violation('VOTE_TALLY_INCONSISTENT', article, '票数超过实际到会有表决权的党员人数', voteField()),
    );
  }
  if (vote.ballot !== 'SECRET') {
    violations.push(violation('VOTE_NOT_SECRET', article, '须采取无记名投票方式表决', voteField('ballot')));
  }
  if (vote.candidates !== 1) {
    violations.push(
      violation(
        'VOTE_NOT_ONE_BY_ONE',
        article,
        '讨论两个以上发展对象时，必须逐个讨论和表决',
        voteField('candidates'),
      ),
    );
  }
  return violations;
}

/** For recording a resolution as adopted: every record rule holds and yes votes exceed half of should-attend. */
export function checkResolutionAdopted(rules: MemberRuleSet, vote: MeetingVote): RuleViolation[] {
  const result = assessMeetingVote(rules, vote);
  if (result.violations.length > 0) return [...result.violations];
  if (result.passed) return [];
  return [
    violation(
      'VOTE_THRESHOLD_NOT_MET',
      rules.branchMeeting.thresholdArticle,
      `赞成票（${result.yesTotal}票，含书面意见）须超过应到会有表决权的党员（${result.shouldAttend}人）的半数`,
      voteField('yes'),
    ),
  ];
}

/** A committee decides collectively and by vote (§24): quorum and a majority of the members present. */
/** A committee's count: its members, how many were present, how many voted yes. */
export interface CommitteeVote {
  readonly members: number;
  readonly present: number;
  readonly yes: number;
}

/** What a committee's decision on a case records (a township committee deciding a cadre or a reservist). */
export interface CommitteeDecision {
  readonly approved: boolean;
  readonly committeeVote: CommitteeVote;
  readonly minutesRef: string;
}

/** Where a committee's count sits in every body that records a committee decision. */
const COMMITTEE_VOTE = 'committeeVote';

export function checkCommitteeVote(vote: CommitteeVote, approved: boolean, article: string): RuleViolation[] {
  if (!(vote.members > 0) || vote.present > vote.members || vote.yes > vote.present) {
    return [violation('COMMITTEE_VOTE_INCONSISTENT', article, '党委会人数或票数不正确', COMMITTEE_VOTE)];
  }
  if (2 * vote.present <= vote.members) {
    return [
      violation(
        'COMMITTEE_QUORUM_NOT_MET',
        article,
        '党委会到会委员须超过半数，集体讨论和表决',
        `${COMMITTEE_VOTE}.present`,
      ),
    ];
  }
  // An approval is a decision of the committee: more than half of its members must vote for it.
  return approved && 2 * vote.yes <= vote.members
    ? [
        violation(
          'COMMITTEE_VOTE_NOT_ADOPTED',
          article,
          `赞成的委员（${vote.yes}人）须超过党委委员（${vote.members}人）的半数`,
          `${COMMITTEE_VOTE}.yes`,
        ),
      ]
    : [];
}
