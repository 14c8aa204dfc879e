/**
 * The widget API, assembled — layer: runtime.
 *
 * Joins the widget's route bindings with the visitor authenticator into one router.
 */
import type { RouteContract } from '../../../contracts/http/route.js';
import { httpRouter } from '../../http/router.js';
import type { WidgetApiCaller } from '../callers.js';
import { authenticateWidgetCaller } from './authenticate.js';
import { widgetBindings } from './widget-bindings.js';

/** Every contract of widget-api (for an OpenAPI document and the manifest test). */
export function widgetApiContracts(): RouteContract[] {
  return widgetBindings.map((b) => b.contract);
}

/** The Lambda handler of widget-api. */
export function widgetApiHandler() {
  return httpRouter<WidgetApiCaller>(widgetBindings, { authenticate: authenticateWidgetCaller });
}
