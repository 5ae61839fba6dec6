import pytest

from hotelqa.choices import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role,landing",
    [
        (Role.FRONT_DESK, "/"),
        (Role.STAFF, "/"),
        (Role.SUPERVISOR, "/"),
        (Role.INSPECTOR, "/"),
        (Role.TRAINER, "/"),
        (Role.MANAGER, "/dashboard/"),
        (Role.ADMIN, "/dashboard/"),
    ],
)
def test_each_role_lands_on_its_page(client_for, role, landing):
    client, _ = client_for(role)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == landing
