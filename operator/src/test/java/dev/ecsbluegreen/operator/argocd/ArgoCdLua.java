package dev.ecsbluegreen.operator.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.ZeroArgFunction;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseOsLib;

/**
 * Runs a health or action script the way Argo CD does (util/lua in argo-cd): a fresh Lua state per
 * call with only the base, package and table libraries (no string, math or io), a reduced {@code
 * os} module that offers only {@code date} and {@code time} and only through {@code require("os")},
 * the resource as the global {@code obj}, and the script's return value read back as JSON.
 */
final class ArgoCdLua {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ArgoCdLua() {}

  static JsonNode run(String script, String scriptName, JsonNode resource) {
    Globals globals = sandbox();
    globals.set("obj", toLua(resource));
    return toJson(globals.load(script, scriptName).call());
  }

  /**
   * The libraries Argo CD opens unless a user opts into more (resource.customizations.useOpenLibs).
   */
  private static Globals sandbox() {
    var globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    var safeOs = safeOs();
    globals
        .get("package")
        .get("preload")
        .set(
            "os",
            new ZeroArgFunction() {
              @Override
              public LuaValue call() {
                return safeOs;
              }
            });
    LoadState.install(globals);
    LuaC.install(globals);
    return globals;
  }

  /** Lua's own date and time functions, and nothing else of the os library (no exit, no files). */
  private static LuaTable safeOs() {
    var full = new Globals();
    full.load(new JseBaseLib());
    full.load(new PackageLib());
    full.load(new JseOsLib());
    var os = new LuaTable();
    os.set("date", full.get("os").get("date"));
    os.set("time", full.get("os").get("time"));
    return os;
  }

  /** Objects become tables with string keys, arrays tables indexed from 1, as Argo CD decodes. */
  static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      var table = new LuaTable();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      var table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.longValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }

  /**
   * Tables whose keys are exactly 1..n become arrays, other tables objects. Fixtures hold no empty
   * collections, because an empty table says neither (Argo CD has the same ambiguity).
   */
  static JsonNode toJson(LuaValue value) {
    if (value.isnil()) {
      return JSON.nullNode();
    }
    if (value.istable()) {
      var table = value.checktable();
      var keys = table.keys();
      int length = table.rawlen();
      if (length > 0 && keys.length == length) {
        ArrayNode array = JSON.arrayNode();
        for (int i = 1; i <= length; i++) {
          array.add(toJson(table.get(i)));
        }
        return array;
      }
      ObjectNode object = JSON.objectNode();
      for (LuaValue key : keys) {
        object.set(key.tojstring(), toJson(table.get(key)));
      }
      return object;
    }
    if (value.isboolean()) {
      return JSON.booleanNode(value.toboolean());
    }
    if (value.isinttype() || (value.isnumber() && !value.isstring() && isWhole(value))) {
      // Narrowest type, as Jackson reads YAML, so round-tripped objects compare equal.
      long whole = value.tolong();
      return whole == (int) whole ? JSON.numberNode((int) whole) : JSON.numberNode(whole);
    }
    if (value.isnumber() && !value.isstring()) {
      return JSON.numberNode(value.todouble());
    }
    return JSON.textNode(value.tojstring());
  }

  private static boolean isWhole(LuaValue number) {
    double d = number.todouble();
    return d == Math.rint(d) && !Double.isInfinite(d);
  }
}
