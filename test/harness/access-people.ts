// Who the access suites act as, and the Orders roles they ask for.
import { demoUser, ORDERS_APP } from './access-fixture';

/** A developer. */
export const ada = demoUser('ada');
/** Another developer. */
export const ben = demoUser('ben');
/** Owner of the Orders app registration. */
export const olivia = demoUser('olivia');
/** A portal admin. */
export const priya = demoUser('priya');
export const readRoleId = ORDERS_APP.roles['Orders.Read']!;
export const writeRoleId = ORDERS_APP.roles['Orders.Write']!;
export const adminRoleId = ORDERS_APP.roles['Orders.Admin']!;
