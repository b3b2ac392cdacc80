package dev.ecsbluegreen.simulator.world;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudWatch alarms, reduced to what CodeDeploy reads: whether an alarm is in ALARM at a simulated
 * instant. An alarm can be scheduled to go off at a chosen time.
 */
final class Alarms {

  private record Alarm(boolean alarmNow, Instant alarmAt) {
    boolean inAlarmAt(Instant at) {
      return alarmNow || (alarmAt != null && !at.isBefore(alarmAt));
    }
  }

  private final Map<String, Alarm> alarms = new LinkedHashMap<>();

  void declare(String name, boolean inAlarm, Instant alarmAt) {
    alarms.put(name, new Alarm(inAlarm, alarmAt));
  }

  boolean inAlarm(String name, Instant at) {
    Alarm alarm = alarms.get(name);
    return alarm != null && alarm.inAlarmAt(at);
  }

  void goOffAt(String name, Instant at) {
    alarms.put(name, new Alarm(false, at));
  }

  void reset(String name) {
    alarms.put(name, new Alarm(false, null));
  }
}
