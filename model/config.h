/*
 * config.h - the center's configuration as the model sees it.
 *
 * data/cfg.c fills a WfmConfig from wfm.cfg and validates every value;
 * model/ and solver/ only read it.  Times of day are minutes after
 * midnight; durations are minutes or seconds as the field name says.
 */
#ifndef WFM_CONFIG_H
#define WFM_CONFIG_H

#include "../core/date.h"

#include <stdint.h>

#define WFM_NAME_MAX 48
#define WFM_MAX_SHIFTS 64
/* Templates a configuration may list: the roster's states keep a template
 * in 5 bits, two codes of them kept for "no shift" and "a day off after
 * work" (solver/colgen). */
#define WFM_MAX_TEMPLATES 30
#define WFM_MAX_QUEUES 16
#define WFM_MAX_TEAMS 16
#define WFM_MAX_STAGES 8
#define WFM_MAX_EVENTS 256
#define WFM_MAX_LIMITS 24
#define WFM_SEQ_MAX 4
#define WFM_MAX_BLOCKS 4     /* surge.outside_block_h (SURGE_MAX_BLOCKS in model/surge.h) */

enum { LANG_EN, LANG_KO };
enum { SHIFT_DAY, SHIFT_EVENING, SHIFT_NIGHT, SHIFT_KIND_COUNT };
/* Days a template may run: bit w for ISO weekday w, and holidays. */
enum { RUN_HOLIDAY = 1u << 7, RUN_WEEKDAYS = 0x1f, RUN_WEEKEND = 0x60, RUN_ALL = 0xff };
enum { MODEL_ERLANG_C, MODEL_ERLANG_A };
/* The three Erlang A service-level definitions (see model/erlang.h). */
enum { SL_ANSWERED_OVER_OFFERED, SL_ANSWERED_OVER_ANSWERED, SL_WAIT_LE_T_ALL };

typedef struct ShiftTemplate {
    char name[WFM_NAME_MAX];
    int kind;           /* SHIFT_* */
    int start_min;      /* 0..1439 */
    int length_min;     /* 60..1440, may cross midnight */
    int meal_min;       /* length of the meal break, 0 = none */
    int meal_from_min;  /* earliest meal start, minutes after the shift start */
    int meal_to_min;    /* latest meal start, minutes after the shift start */
    unsigned days;      /* RUN_* mask */
    int remote_ok;      /* may be worked from home */
} ShiftTemplate;

typedef struct QueueCfg {
    char name[WFM_NAME_MAX];
    char skill[WFM_NAME_MAX];  /* "" = any agent */
    double aht_s;              /* default AHT when the history has none */
    int min_skilled;           /* a skill queue: agents with the skill on the phone in every open minute, meals included (default 1) */
} QueueCfg;

typedef struct TeamCfg {
    char name[WFM_NAME_MAX];
    unsigned kinds;            /* bit per SHIFT_* kind the team works */
    int every_weekend;         /* its agents work every Saturday and Sunday (not on leave, a template running) */
} TeamCfg;

/* What a rule counts on an agent's day: the templates with their bit set
 * (a kind, one template, or all of them: "work"), and days off when off
 * is set (leave is a day off). */
typedef struct WfmWhat {
    uint64_t shifts;
    int off;
} WfmWhat;

/* One entry of rules.limits (n = 1) or rules.forbidden (a sequence of n
 * days that must not occur, forbidden = 1), for one team or every team.
 * Minima are 0 and maxima -1 when not set. */
typedef struct RuleLimit {
    char label[96];            /* how messages name it: "rules.limits.[2]" and its words */
    int team;                  /* index into teams, -1: every agent */
    int forbidden;
    int n;
    WfmWhat what[WFM_SEQ_MAX];
    int min_consecutive, max_consecutive;
    int min_per_week, max_per_week;
    int min_per_month, max_per_month;
    int max_weekends;          /* weekends (Saturday or Sunday of the month) with what on either day */
} RuleLimit;

typedef struct SurgeStage {
    char name[WFM_NAME_MAX];
    double calls_per_day;      /* the stage starts at this many offered calls */
} SurgeStage;

typedef struct SpecialEvent {
    int day;
    double multiplier;
    char note[WFM_NAME_MAX];
    int days;                    /* days from day it lasts (0 or 1: that day alone) */
} SpecialEvent;

typedef struct WfmConfig {
    char path[256];
    uint64_t hash;             /* FNV-1a of the file's bytes */

    /* center */
    char name[96];
    char timezone[48];
    int language;              /* LANG_* */
    int pseudonymise;          /* agents appear as codes outside the HR report */

    /* service targets */
    double sl_target;          /* share answered within sl_seconds, 0..1 */
    double sl_seconds;
    double answer_rate;        /* target answered/offered, 0..1 */
    double max_occupancy;      /* 0..1 */
    double max_asa_s;          /* 0 = no ASA target */
    double patience_s;         /* mean caller patience when history has none */
    double aht_s;              /* default AHT */
    int model;                 /* MODEL_* */
    int sl_definition;         /* SL_* for Erlang A targets */

    /* availability */
    double extra_break_min;    /* per hour worked (7.5) */
    double shrinkage;          /* other shrinkage, 0..1 */
    int weak_hours[24];        /* 1 where the hour is a weak hour (취약시간) */
    double weak_weight;        /* under-coverage weight multiplier in weak hours */
    int interval_min;          /* the duty grid the roster is judged on (availability.interval_min: 15, 30 or 60; default 30) */

    ShiftTemplate shifts[WFM_MAX_SHIFTS];
    int nshifts;
    QueueCfg queues[WFM_MAX_QUEUES];
    int nqueues;
    TeamCfg teams[WFM_MAX_TEAMS];
    int nteams;

    /* remote work */
    double remote_max_share;   /* of the day's agents, 0..1 */
    int remote_seats;          /* laptops */

    /* labour rules */
    int max_consecutive_days;
    double min_rest_hours;
    double weekly_hours;
    double max_weekly_hours;
    int min_days_off_per_week;
    int contract_days;         /* each week every agent works the days his contract fills (less leave) */
    RuleLimit limits[WFM_MAX_LIMITS];   /* the general rules (model/rules.h) */
    int nlimits;

    /* fairness weights */
    double fair_weekend, fair_night, fair_early;
    double reg_single_off, reg_swing; /* regular rosters (fairness.single_day_off, .kind_swing): a single day off between
                                       * working days, a change of shift kind from one working day to the next */
    double reg_jump;           /* fairness.start_jump: a change of start time from one working day to the next
                                * within a kind */
    double max_day_ratio;      /* fairness.max_day_ratio: agent-hours on duty a day at most this times its need
                                * (soft, at COLGEN_W_DAYCAP an agent-hour above; 0: no limit) */

    /* CPD score and the low-performer rule */
    double cpd_w_cpd, cpd_w_fcr, cpd_w_qa, cpd_w_adherence;
    double lp_bottom_share;    /* bottom share of the peer group, 0..1 */
    int lp_months_flagged;     /* flagged in at least this many ... */
    int lp_months_window;      /* ... of the last this many months */
    int lp_min_days;           /* working days needed in a month to count */

    /* surge */
    SurgeStage stages[WFM_MAX_STAGES];
    int nstages;
    double overtime_cap_h;     /* per agent per week */
    double overtime_day_h;     /* per agent per day, around the shift */
    double outside_aht_factor; /* new agents' AHT relative to ours */
    int outside_block_h[WFM_MAX_BLOCKS];
    int noutside_blocks;
    double night_premium, overtime_premium, holiday_premium;

    /* calendar */
    Calendar holidays;
    SpecialEvent events[WFM_MAX_EVENTS];
    int nevents;

    /* reports */
    int csv_bom;               /* reports.csv_bom: CSVs start with a UTF-8 byte-order mark (default: language ko) */
    /* scores (issue 19) */
    int score_remote_peers;    /* score.remote_peers: remote days compared with remote days */
    int lp_grace_months;       /* score.low_performer.grace_months: months after hire never counted */
    int lp_fcr_can_flag;       /* score.low_performer.fcr_can_flag: first-contact resolution alone can flag */
    int lp_min_group;          /* score.low_performer.min_group: smaller peer groups are merged */
    double lp_slow_gap;        /* score.low_performer.slow_gap: the slowness line at least this far, 0 off */
    double lp_slow_spread;     /* score.low_performer.slow_spread: ... and this many true spreads, 0 off */
    double lp_sure;            /* score.low_performer.sure: one-sided certainty of the slowness line */
    int lp_history_months;     /* score.low_performer.history_months: the slowness line's test pools this many months */
    /* surge: the outside world's limits and the pay (issue 17) */
    unsigned vendor_queues;    /* bit q: outside agents can take queue q (default: the queues without a skill) */
    int vendor_capacity;       /* outside agents the vendor can start a day (0: no limit) */
    int outside_seats;         /* desks for outside agents on duty at once (0 with outside_laptops 0: no limit) */
    int outside_laptops;       /* laptops for outside agents working remotely, on duty at once */
    int outside_lead_days;     /* surge days before the first outside agent can start */
    int outside_min_block_h;   /* shortest block the vendor takes (blocks shorter are not offered) */
    double wage_won_h;         /* our agents' base wage per hour (premiums on top for overtime) */
    double vendor_won_h;       /* the vendor's rate per outside agent-hour */
    int overtime_days_in_row;  /* surge days in a row an agent may work overtime (fatigue; 0: no cap) */
} WfmConfig;

/* Releases what a WfmConfig owns (the holiday calendar); NULL is fine. */
void wfm_config_free(WfmConfig *c);

/* Availability of an on-duty agent for calls: (60 - extra break)/60 times
 * (1 - shrinkage). */
double wfm_config_availability(const WfmConfig *c);
/* The duty grid's minutes: interval_min, or 30 when unset. */
int wfm_config_interval(const WfmConfig *c);

/* May an agent of team (index into c->teams, -1 when unknown) work a shift
 * of kind (SHIFT_*)?  His team's kinds, or any evening and night shift when
 * night_ok.  (solver/check keeps its own copy of the rule on purpose.) */
int wfm_team_works(const WfmConfig *c, int team, int night_ok, int kind);

/* Skill queue q's agents with the skill wanted on the phone every open
 * minute, meals included: its min_skilled, at least 1. */
int wfm_min_skilled(const WfmConfig *c, int q);

/* The most hours an agent with contract_h a week (0: the configured
 * weekly_hours) may be rostered in a calendar week: his contract, never
 * above the legal maximum.  (solver/check refuses a week above it, overtime
 * apart.) */
double wfm_weekly_cap_h(const WfmConfig *c, double contract_h);

/* The working days a calendar week asks of an agent of team (his contract
 * contract_h a week, 0: the configured weekly_hours) when
 * rules.contract_days holds: as many of his team's longest paid shifts as
 * the contract fills, at most the week's days less the days off; else 0.
 * (solver/check keeps its own copy of the rule on purpose.) */
int wfm_contract_days(const WfmConfig *c, int team, int night_ok, double contract_h);

/* The paid minutes of the longest template an agent of team may work (0:
 * none). */
int wfm_longest_shift_min(const WfmConfig *c, int team, int night_ok);

/* Must an agent of team work on day (a Saturday or Sunday for a team
 * with every_weekend), unless on leave or no template of his runs?
 * (solver/check keeps its own copy of the rule on purpose.) */
int wfm_must_work(const WfmConfig *c, int team, int day);

/* A meal start in the middle of t's window, on the half hour: minutes after
 * the shift's start, or -1 when t has no meal. */
int wfm_meal_mid(const ShiftTemplate *t);

#endif
