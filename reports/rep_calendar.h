/*
 * rep_calendar.h - the roster as the people on it read it: calendar.html,
 * every agent x day of the month grouped by team (weekday headers,
 * Saturdays, Sundays and holidays shaded, a legend of the shift templates
 * with their times, each agent's totals: days, hours, nights, weekend and
 * holiday days, remote days, leave), printable on A4 landscape; a page per
 * agent with his month (agent_N.html, N his index in the roster) and the
 * same month as an iCalendar file for phone calendars (agent_N.ics,
 * RFC 5545).  The grid links each agent's page, each page the grid and
 * the roster report's index.html.
 *
 * These are staff-facing: agents appear with their id and name whatever
 * center.pseudonymise says (pseudonyms are for pages that leave the center).
 */
#ifndef WFM_REP_CALENDAR_H
#define WFM_REP_CALENDAR_H

#include "rep_roster.h"

/* Writes calendar.html, agent_N.html and agent_N.ics for every agent of
 * rr->r into dir (which must exist), each file atomically.  Agents' names
 * come from rr->names (NULL: ids only).  Returns 0, or WFM_EINPUT / WFM_EIO
 * from html_write_file with err filled. */
int rep_calendar(const RosterReport *rr, const char *dir, WfmErr *err);

#endif
