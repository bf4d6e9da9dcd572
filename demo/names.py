"""Made-up names and interests for the demo school. No real students, ever."""

FIRST_NAMES = [
    "Aaliyah", "Aiden", "Alejandro", "Amara", "Andrés", "Aria", "Ayden", "Beatriz", "Brayden",
    "Camila", "Carlos", "Chloé", "Daniela", "Darius", "Deshawn", "Diego", "Elena", "Elijah",
    "Emeka", "Emma", "Ethan", "Fatima", "Gabriel", "Grace", "Hana", "Hector", "Imani", "Isaac",
    "Isabella", "Jada", "Jamal", "Jasmine", "Javier", "Jayden", "José", "Juan", "Kai", "Kenji",
    "Keisha", "Khalil", "Layla", "Leah", "Liam", "Lucía", "Luis", "Malik", "Maria", "Mateo",
    "Maya", "Mei", "Mia", "Miguel", "Mohamed", "Nadia", "Naomi", "Nia", "Noah", "Olivia",
    "Omar", "Priya", "Rafael", "Rosa", "Ryan", "Samir", "Santiago", "Sofia", "Tariq", "Tyler",
    "Valentina", "Wei", "Xavier", "Yusuf", "Zara", "Zoë", "Ana", "Ben", "Cole", "Dana", "Eli",
    "Finn", "Gia", "Hugo", "Ivy", "Jonah", "Kira", "Leo", "Mila", "Nico", "Owen", "Paz",
    "Quinn", "Rhea", "Sam", "Tess", "Uma", "Vik", "Wren", "Yara", "Zeke",
]

LAST_NAMES = [
    "Abara", "Acosta", "Adeyemi", "Alvarez", "Baker", "Banerjee", "Bell", "Brooks", "Castillo",
    "Chen", "Clarke", "Cruz", "Diaz", "Dubois", "Edwards", "Ellison", "Flores", "Fontaine",
    "Garcia", "Gómez", "Grant", "Haddad", "Hall", "Hernández", "Hughes", "Ibrahim", "Ito",
    "Jackson", "Jensen", "Johnson", "Kaur", "Kim", "Kowalski", "Lee", "Lopez", "Mahmoud",
    "Martin", "Mendoza", "Morales", "Muñoz", "Nakamura", "Nguyen", "Novak", "Okafor", "Ortiz",
    "Osei", "Patel", "Peña", "Perez", "Price", "Quintero", "Ramirez", "Reed", "Reyes", "Rivera",
    "Robinson", "Rossi", "Sanchez", "Schmidt", "Shah", "Silva", "Singh", "Soto", "Sullivan",
    "Tanaka", "Torres", "Tran", "Turner", "Vargas", "Vasquez", "Walker", "Washington", "Watts",
    "Williams", "Wong", "Wright", "Yamamoto", "Young", "Zhang", "Zimmerman",
]

STAFF_FIRST_NAMES = [
    "Alicia", "Brian", "Carmen", "David", "Denise", "Erin", "Frank", "Gloria", "Helen", "Ian",
    "Janet", "Karen", "Kevin", "Linda", "Marcus", "Monica", "Nathan", "Patricia", "Raymond",
    "Renee", "Sandra", "Steven", "Teresa", "Victor", "Wanda", "Yolanda", "Gary", "Holly",
    "Irene", "Jorge", "Lorena", "Martín", "Noelle", "Oscar", "Paula",
]

INTERESTS = [
    "soccer", "basketball", "art", "music", "video games", "reading", "cooking", "science",
    "dance", "drawing", "animals", "coding", "football", "baseball", "skateboarding", "anime",
    "theater", "gardening", "fashion", "photography", "chess", "running",
]

GOALS = [
    "Be at school every day this month",
    "Get to first period on time",
    "Turn in every math assignment",
    "Join a club or team",
    "Raise the science grade to a C",
    "Talk to a teacher when stuck",
    "Read 20 minutes a night",
    "Keep a planner for homework",
]

MEETING_NOTES = [
    "Talked about the week and what went well.",
    "Looked at attendance together; set a small goal.",
    "Played a board game and talked about friends.",
    "Checked the planner; homework is getting done.",
    "Talked about a tough week at home; listened.",
    "Celebrated a good test score.",
    "Planned how to get to school on time.",
]

REFERRAL_NEEDS = {
    "counselor": ["Worried about friendship conflict", "Seems anxious before tests"],
    "administrator": ["Repeated conflict in one class", "Transportation problem"],
    "nurse": ["Frequent headaches", "Needs glasses checked"],
    "social_worker": ["Family needs help with housing", "Needs a winter coat"],
    "other": ["Wants tutoring in math"],
}
