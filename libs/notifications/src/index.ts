export { NotificationsModule } from './notifications.module.js';
export { NotificationsHttpModule } from './notifications-http.module.js';
export { NotificationsService, type NotificationView } from './notifications.service.js';
