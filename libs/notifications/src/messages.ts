import { registerMessages } from '#libs/platform';

// Strings of the notifications page; each lib registers the `notify.<kind>` lines of its own notices.
registerMessages({
  id: {
    'notifications.title': 'Notifikasi',
    'notifications.none': 'Belum ada notifikasi.',
    'notifications.markRead': 'Tandai semua sudah dibaca',
    'notify.generic': 'Ada kabar baru ({kind}).',
  },
  en: {
    'notifications.title': 'Notifications',
    'notifications.none': 'No notifications yet.',
    'notifications.markRead': 'Mark all as read',
    'notify.generic': 'Something new ({kind}).',
  },
});
