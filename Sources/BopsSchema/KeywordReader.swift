import BopsNode

/// Reads the draft-07 keywords of one schema object into `Keywords`, compiling subschemas.
/// Unknown keywords are annotations and ignored; malformed values of known keywords are errors.
struct KeywordReader {
    let compiler: SchemaCompiler
    let loc: SchemaCompiler.Location
    let base: URIReference

    func sub(_ node: Node, _ path: String...) -> Int {
        let pointer = loc.pointer + path.map { "/" + JSONPointer.escape($0) }.joined()
        return compiler.compile(node, SchemaCompiler.Location(doc: loc.doc, pointer: pointer), base: base)
    }

    func bad(_ keyword: String, _ node: Node, _ expectation: String) {
        compiler.error("'\(keyword)' must be \(expectation)", node, doc: loc.doc)
    }

    func count(_ keyword: String, _ node: Node) -> Int? {
        if let n = Number(node), n.isIntegral, n.compare(.int(0)) >= 0 {
            switch n {
            case .int(let i): return i
            case .double(let d): return d < 9e18 ? Int(d) : Int.max
            }
        }
        bad(keyword, node, "a non-negative integer")
        return nil
    }

    func number(_ keyword: String, _ node: Node) -> Number? {
        guard let n = Number(node) else {
            bad(keyword, node, "a number")
            return nil
        }
        return n
    }

    func schemaList(_ keyword: String, _ node: Node) -> [Int]? {
        guard let items = node.sequence, !items.isEmpty else {
            bad(keyword, node, "a non-empty array of schemas")
            return nil
        }
        return items.enumerated().map { sub($1, keyword, String($0)) }
    }

    func stringList(_ keyword: String, _ node: Node) -> [String]? {
        let strings = node.sequence?.compactMap(\.string)
        guard let strings, strings.count == node.sequence?.count else {
            bad(keyword, node, "an array of strings")
            return nil
        }
        return strings
    }

    func read(_ key: String, _ value: Node, into k: inout Keywords) {
        switch key {
        case "type":
            let names = value.string.map { [$0] } ?? value.sequence?.compactMap(\.string) ?? []
            var set = TypeSet()
            var valid = !names.isEmpty && (value.string != nil || names.count == value.sequence?.count)
            for name in names {
                guard let t = TypeSet(name: name) else {
                    valid = false
                    break
                }
                set.insert(t)
            }
            if valid {
                k.types = set
                k.typeNames = names
            } else {
                bad(key, value, "a type name or an array of type names")
            }
        case "enum":
            if let items = value.sequence { k.enumValues = items } else { bad(key, value, "an array") }
        case "const": k.constValue = value
        case "multipleOf":
            if let n = number(key, value) {
                if n.compare(.int(0)) > 0 { k.multipleOf = n } else { bad(key, value, "greater than 0") }
            }
        case "maximum": k.maximum = number(key, value)
        case "exclusiveMaximum": k.exclusiveMaximum = number(key, value)
        case "minimum": k.minimum = number(key, value)
        case "exclusiveMinimum": k.exclusiveMinimum = number(key, value)
        case "maxLength": k.maxLength = count(key, value)
        case "minLength": k.minLength = count(key, value)
        case "pattern":
            guard let source = value.string else { return bad(key, value, "a string") }
            guard let p = Pattern(source) else { return bad(key, value, "a valid regular expression") }
            k.pattern = p
        case "format":
            if let name = value.string {
                k.format = Format(rawValue: name)
            } else {
                bad(key, value, "a string")
            }
        case "items":
            if let items = value.sequence {
                k.items = .tuple(items.enumerated().map { sub($1, key, String($0)) })
            } else {
                k.items = .all(sub(value, key))
            }
        case "additionalItems": k.additionalItems = sub(value, key)
        case "maxItems": k.maxItems = count(key, value)
        case "minItems": k.minItems = count(key, value)
        case "uniqueItems":
            if let b = value.bool { k.uniqueItems = b } else { bad(key, value, "true or false") }
        case "contains": k.contains = sub(value, key)
        case "maxProperties": k.maxProperties = count(key, value)
        case "minProperties": k.minProperties = count(key, value)
        case "required": k.required = stringList(key, value) ?? []
        case "properties":
            guard let pairs = value.mapping else { return bad(key, value, "an object of schemas") }
            for pair in pairs {
                guard let name = pair.key.string else { continue }
                k.properties[name] = sub(pair.value, key, name)
                k.propertyOrder.append(name)
            }
        case "patternProperties":
            guard let pairs = value.mapping else { return bad(key, value, "an object of schemas") }
            for pair in pairs {
                guard let source = pair.key.string, let p = Pattern(source) else {
                    bad(key, pair.key, "keyed by valid regular expressions")
                    continue
                }
                k.patternProperties.append(PatternRule(pattern: p, rule: sub(pair.value, key, source)))
            }
        case "additionalProperties": k.additionalProperties = sub(value, key)
        case "dependencies":
            guard let pairs = value.mapping else { return bad(key, value, "an object") }
            for pair in pairs {
                guard let name = pair.key.string else { continue }
                if pair.value.sequence != nil {
                    k.dependencies.append((name, .keys(stringList(key, pair.value) ?? [])))
                } else {
                    k.dependencies.append((name, .schema(sub(pair.value, key, name))))
                }
            }
        case "propertyNames": k.propertyNames = sub(value, key)
        case "if": k.ifRule = sub(value, key)
        case "then": k.thenRule = sub(value, key)
        case "else": k.elseRule = sub(value, key)
        case "allOf": k.allOf = schemaList(key, value) ?? []
        case "anyOf": k.anyOf = schemaList(key, value).map(Alternatives.init)
        case "oneOf": k.oneOf = schemaList(key, value).map(Alternatives.init)
        case "not": k.not = sub(value, key)
        case "definitions":
            guard let pairs = value.mapping else { return bad(key, value, "an object of schemas") }
            for pair in pairs {
                if let name = pair.key.string { _ = sub(pair.value, key, name) }
            }
        case "description": k.description = value.string
        default: break
        }
    }
}
