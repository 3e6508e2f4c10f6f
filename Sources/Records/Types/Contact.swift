/// A person to contact: name, role, professional email, phone.
public struct Contact: Sendable, Hashable {
    public var name: String
    public var role: String
    public var email: String
    public var phone: String

    public init(name: String, role: String, email: String, phone: String) {
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
    }

    init?(reader: FieldReader?) {
        guard let reader else { return nil }
        reader.rejectUnknownKeys(allowed: ["name", "role", "email", "phone"])
        name = reader.text("name", max: 120)
        role = reader.text("role", max: 120)
        email = reader.text("email", max: 200)
        phone = reader.text("phone", required: false, max: 30)
        if !email.isEmpty && !Formats.isEmail(email) {
            reader.issues.add(reader.field("email"), "adresse électronique invalide « \(email) ».")
        }
        if !phone.isEmpty && !Formats.isPhone(phone) {
            reader.issues.add(reader.field("phone"), "numéro de téléphone invalide « \(phone) » : 10 à 15 chiffres attendus.")
        }
    }

    public var json: JSONValue {
        .object(["name": .string(name), "role": .string(role), "email": .string(email), "phone": .string(phone)])
    }
}
