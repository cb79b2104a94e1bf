// A moment as the person's wall clock shows it, in local time: "09:41". For "until 13:00" and
// "last: … at 09:41", where the date goes without saying.

/** HH:MM in local time, 24-hour. */
export function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
